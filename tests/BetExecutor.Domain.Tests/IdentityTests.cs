using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Validation;
using FsCheck;
using FsCheck.Fluent;

namespace BetExecutor.Domain.Tests;

public class IdentityTests
{
    [Fact]
    public void Parts_are_trimmed()
    {
        var identity = Identity.Create("  sportsbook ", "\tbrand-a", "alice\n");

        Assert.Equal("sportsbook", identity.Provider);
        Assert.Equal("brand-a", identity.Whitelabel);
        Assert.Equal("alice", identity.Account);
        Assert.Equal(Identity.Create("sportsbook", "brand-a", "alice"), identity);
    }

    [Fact]
    public void Parts_are_case_sensitive()
    {
        var lower = Identity.Create("sportsbook", "brand-a", "alice");
        var upper = Identity.Create("sportsbook", "brand-a", "Alice");

        Assert.NotEqual(lower, upper);
        Assert.NotEqual(lower.Key, upper.Key);
    }

    [Fact]
    public void The_key_is_provider_whitelabel_account_joined_by_slashes()
    {
        Assert.Equal("sportsbook/brand-a/alice", Identity.Create("sportsbook", "brand-a", "alice").Key);
        Assert.Equal("sportsbook/brand-a/alice", Identity.Create("sportsbook", "brand-a", "alice").ToString());
    }

    [Theory]
    [InlineData(null, "brand-a", "alice", "provider")]
    [InlineData("", "brand-a", "alice", "provider")]
    [InlineData("   ", "brand-a", "alice", "provider")]
    [InlineData("sportsbook", null, "alice", "whitelabel")]
    [InlineData("sportsbook", " ", "alice", "whitelabel")]
    [InlineData("sportsbook", "brand-a", null, "account")]
    [InlineData("sportsbook", "brand-a", "\t", "account")]
    public void Each_part_is_required(string? provider, string? whitelabel, string? account, string field)
    {
        var error = Assert.Single(Identity.Validate(provider, whitelabel, account));
        Assert.Equal(field, error.Field);
        Assert.Equal("is required", error.Message);

        var thrown = Assert.Throws<DomainValidationException>(() => Identity.Create(provider, whitelabel, account));
        Assert.Equal(field, Assert.Single(thrown.Errors).Field);
    }

    [Fact]
    public void Every_missing_part_is_named()
    {
        var errors = Identity.Validate(null, "", " ");

        Assert.Equal(["provider", "whitelabel", "account"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("/")]
    [InlineData(":")]
    [InlineData(" ")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("\\")]
    [InlineData("*")]
    [InlineData("é")]
    public void A_forbidden_character_is_rejected_naming_the_field(string forbidden)
    {
        var part = $"a{forbidden}b";

        Assert.Equal("provider", Assert.Single(Identity.Validate(part, "brand-a", "alice")).Field);
        Assert.Equal("whitelabel", Assert.Single(Identity.Validate("sportsbook", part, "alice")).Field);
        var error = Assert.Single(Identity.Validate("sportsbook", "brand-a", part));
        Assert.Equal("account", error.Field);
        Assert.Contains($"'{forbidden}'", error.Message);
        Assert.Throws<DomainValidationException>(() => Identity.Create("sportsbook", "brand-a", part));
    }

    [Fact]
    public void Letters_digits_dot_underscore_dash_and_at_are_allowed()
    {
        Assert.Empty(Identity.Validate("Book.9_x-y", "W.L_1-2", "alice@example.com"));
    }

    [Fact]
    public void A_part_longer_than_64_characters_is_rejected()
    {
        Assert.Empty(Identity.Validate(new string('p', 64), "w", "a"));
        Assert.Equal("provider", Assert.Single(Identity.Validate(new string('p', 65), "w", "a")).Field);
    }

    [Fact]
    public void A_key_parses_back_to_the_same_identity()
    {
        var identity = Identity.Create("sportsbook", "brand-a", "alice@example.com");

        Assert.Equal(identity, Identity.ParseKey(identity.Key));
        Assert.True(Identity.TryParseKey(identity.Key, out var parsed));
        Assert.Equal(identity, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sportsbook/brand-a")]
    [InlineData("sportsbook/brand-a/alice/extra")]
    [InlineData("sportsbook//alice")]
    [InlineData("sportsbook/brand-a/al:ice")]
    [InlineData("sportsbook/brand-a/al ice")]
    public void A_malformed_key_does_not_parse(string key)
    {
        Assert.False(Identity.TryParseKey(key, out var parsed));
        Assert.Null(parsed);
        Assert.Throws<FormatException>(() => Identity.ParseKey(key));
    }

    /// <summary>
    /// A key is an entity id: if " alice" and "alice" parsed to two identities, one login would get two
    /// AccountActors (two cooldowns, two dedup sets), the double execution docs/architecture.md §2 exists to prevent.
    /// </summary>
    [Theory]
    [InlineData(" sportsbook/brand-a/alice")]
    [InlineData("sportsbook/brand-a /alice")]
    [InlineData("sportsbook/brand-a/alice\t")]
    public void A_key_with_padding_around_a_part_is_refused_or_read_as_the_trimmed_identity(string key)
    {
        if (Identity.TryParseKey(key, out var parsed))
        {
            Assert.Equal(Identity.Create("sportsbook", "brand-a", "alice"), parsed);
            Assert.Equal("sportsbook/brand-a/alice", parsed!.Key);
        }
    }

    private static readonly char[] Allowed =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@".ToCharArray();

    private static readonly Gen<string> Part =
        Gen.Choose(1, 12).SelectMany(length => Gen.ArrayOf(Gen.Elements(Allowed), length)).Select(chars => new string(chars));

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Any_valid_identity_round_trips_through_its_key() =>
        Prop.ForAll(
            Arb.From(Gen.Three(Part)),
            parts =>
            {
                var identity = Identity.Create(parts.Item1, parts.Item2, parts.Item3);
                return Identity.ParseKey(identity.Key) == identity
                    && Identity.ParseKey(identity.Key).Key == identity.Key;
            });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Identities_differing_in_any_one_part_are_not_equal_and_have_different_keys() =>
        Prop.ForAll(
            Arb.From(
                from parts in Gen.Three(Part)
                from which in Gen.Choose(0, 2)
                from other in Part
                select (parts, which, other)),
            input =>
            {
                var (parts, which, other) = input;
                var a = Identity.Create(parts.Item1, parts.Item2, parts.Item3);
                var b = which switch
                {
                    0 => Identity.Create(other, parts.Item2, parts.Item3),
                    1 => Identity.Create(parts.Item1, other, parts.Item3),
                    _ => Identity.Create(parts.Item1, parts.Item2, other),
                };
                var changed = which switch { 0 => parts.Item1, 1 => parts.Item2, _ => parts.Item3 };
                return changed == other
                    ? (a == b && a.Key == b.Key).Label("same parts, same identity")
                    : (a != b && a.Key != b.Key).Label($"part {which}: '{changed}' vs '{other}'");
            });
}
