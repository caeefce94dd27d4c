namespace Finsam.ServiceDefaults.Validation;

/// <summary>Collects field errors so that one response names every problem at once.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
        return this;
    }

    /// <summary>Adds <paramref name="message"/> when <paramref name="condition"/> does not hold.</summary>
    public ValidationErrors Require(bool condition, string field, string message) => condition ? this : Add(field, message);

    public ValidationErrors RequireText(string? value, string field, string message, int maxLength = 4000) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, message)
        : Require(value.Length <= maxLength, field, $"Högst {maxLength} tecken.");

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
