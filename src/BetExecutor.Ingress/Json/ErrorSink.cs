using BetExecutor.Domain.Validation;

namespace BetExecutor.Ingress.Json;

/// <summary>Collects every error of one parse, so a file's author sees all its mistakes at once.</summary>
public sealed class ErrorSink
{
    private readonly List<FieldError> _errors = [];
    private readonly HashSet<string> _fields = [];

    public int Count => _errors.Count;

    public IReadOnlyList<FieldError> All => _errors;

    public void Add(string field, string message) => Add(new FieldError(field, message));

    public void Add(FieldError error)
    {
        _errors.Add(error);
        _fields.Add(error.Field);
    }

    /// <summary>
    /// Adds domain-rule errors found on the object at <paramref name="parent"/>, except those already explained.
    /// Domain rules run on placeholder values where the file was wrong; skipping a rule error on a field that
    /// already has one, or inside an object of <paramref name="parent"/> that has one (say, one that is not an
    /// object at all), keeps one mistake from being reported twice: a stake written as a string is not also
    /// "not greater than 0".
    /// </summary>
    /// <remarks>
    /// The search stops at <paramref name="parent"/>: an error further out (a step with two kinds) says nothing
    /// about the fields inside, so their own errors are still reported.
    /// </remarks>
    public void AddUnder(string parent, IEnumerable<FieldError> errors)
    {
        foreach (var error in errors.Select(e => e.Under(parent)).ToList())
        {
            if (!HasErrorBetween(error.Field, parent)) Add(error);
        }
    }

    private bool HasErrorBetween(string field, string outermost)
    {
        for (var path = field; path.Length >= outermost.Length; path = FieldPath.Parent(path))
        {
            if (_fields.Contains(path)) return true;
            if (path.Length == 0) break;
        }
        return false;
    }
}
