using System.Text.Json;
using System.Text.Json.Serialization;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Actors.Serialization;

/// <summary>Writes an identity as its three parts and reads it back through <see cref="Identity.Create"/>, so a stored identity is validated like a new one.</summary>
public sealed class IdentityJsonConverter : JsonConverter<Identity>
{
    public override Identity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("an identity must be an object");
        string? provider = null, whitelabel = null, account = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            var value = reader.GetString();
            switch (name)
            {
                case "provider": provider = value; break;
                case "whitelabel": whitelabel = value; break;
                case "account": account = value; break;
                default: throw new JsonException($"unknown identity field '{name}'");
            }
        }
        return Identity.Create(provider, whitelabel, account);
    }

    public override void Write(Utf8JsonWriter writer, Identity value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("provider", value.Provider);
        writer.WriteString("whitelabel", value.Whitelabel);
        writer.WriteString("account", value.Account);
        writer.WriteEndObject();
    }
}
