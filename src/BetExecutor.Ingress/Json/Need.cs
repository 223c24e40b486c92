namespace BetExecutor.Ingress.Json;

/// <summary>Whether a field must be in the file.</summary>
public enum Need
{
    Required,
    Optional,
}
