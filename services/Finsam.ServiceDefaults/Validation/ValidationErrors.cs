using System.Text.RegularExpressions;

namespace Finsam.ServiceDefaults.Validation;

/// <summary>Collects field errors so that one response names every problem at once.</summary>
public sealed partial class ValidationErrors
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

    /// <summary>Required text of at most <paramref name="maxLength"/> characters that <see cref="TextRules"/> allow for the field.</summary>
    public ValidationErrors RequireText(string? value, string field, string message, int maxLength = 4000) =>
        string.IsNullOrWhiteSpace(value) ? Add(field, message) : OptionalText(value, field, maxLength);

    /// <summary>Text that may be left out; when given, as <see cref="RequireText"/>.</summary>
    public ValidationErrors OptionalText(string? value, string field, int maxLength = 4000) =>
        value is null ? this
        : value.Length > maxLength ? Add(field, $"Högst {maxLength} tecken.")
        : TextRules.Check(value, TextRules.MultiLineFields.Contains(field[(field.LastIndexOf('.') + 1)..])) is { } problem ? Add(field, problem)
        : this;

    /// <summary>A telephone number as people write it: digits, spaces, hyphens, parentheses and a leading +.</summary>
    public ValidationErrors OptionalPhone(string? value, string field) =>
        Require(value is null || PhonePattern().IsMatch(value), field, "Ange ett telefonnummer med siffror (till exempel 070-123 45 67 eller +46 70 123 45 67).");

    /// <summary>An e-mail address with one @, a domain with a dot, and nothing that is not part of an address.</summary>
    public ValidationErrors OptionalEmail(string? value, string field) =>
        Require(value is null || value.Length <= 200 && EmailPattern().IsMatch(value), field, "Ange en giltig e-postadress (till exempel namn@exempel.se).");

    [GeneratedRegex(@"^\+?[0-9][0-9 ()-]{4,28}[0-9]$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s""<>(),;:\[\]]+@[^@\s""<>(),;:\[\]]+\.[^@\s""<>(),;:\[\]]{2,}$")]
    private static partial Regex EmailPattern();

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
