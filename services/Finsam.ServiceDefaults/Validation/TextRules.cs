using System.Text.Json.Nodes;

namespace Finsam.ServiceDefaults.Validation;

/// <summary>
/// What free text may hold. Control characters (NUL, ANSI escapes, DEL, C1) and the bidirectional overrides
/// that make text read differently from how it is stored are refused everywhere; line breaks and tabs only in
/// fields that are written as several lines (notes, reasons, goals). One place decides, for every body the
/// gateway takes in and for the services' own checks.
/// </summary>
public static class TextRules
{
    /// <summary>The fields (by property name, arrays by their property's name) that are multi-line text.</summary>
    public static readonly IReadOnlySet<string> MultiLineFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "reason", "ownGoal", "notes", "agenda", "note", "text", "description", "wishAndGoal", "decisions",
    };

    public const string InvalidCharacters = "Texten innehåller otillåtna tecken (styrtecken eller riktningsändrande tecken).";

    public const string NoLineBreaks = "Fältet får bara vara en rad.";

    /// <summary>Null when <paramref name="text"/> is fit for the field; otherwise why not.</summary>
    public static string? Check(string text, bool multiLine)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\t')
            {
                if (!multiLine)
                {
                    return NoLineBreaks;
                }
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++; // a character outside the basic plane, written as a pair
            }
            else if (char.IsControl(c) || IsBidiControl(c) || char.IsSurrogate(c))
            {
                return InvalidCharacters;
            }
        }

        return null;
    }

    /// <summary>Checks every string in a JSON body, naming each bad field by its path (<c>contact.name</c>, <c>decisions[1]</c>).</summary>
    public static ValidationErrors CheckAll(JsonNode? node, ValidationErrors errors, string path = "", string? field = null)
    {
        switch (node)
        {
            case JsonObject body:
                foreach (var (name, value) in body)
                {
                    CheckAll(value, errors, path.Length == 0 ? name : $"{path}.{name}", name);
                }

                break;
            case JsonArray items:
                for (var i = 0; i < items.Count; i++)
                {
                    CheckAll(items[i], errors, $"{path}[{i}]", field);
                }

                break;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String:
                string text;
                try
                {
                    text = value.GetValue<string>();
                }
                catch (InvalidOperationException)
                {
                    // An escape that is not a character (a lone surrogate such as \ud800).
                    errors.Add(path, InvalidCharacters);
                    break;
                }

                if (Check(text, field is not null && MultiLineFields.Contains(field)) is { } problem)
                {
                    errors.Add(path, problem);
                }

                break;
        }

        return errors;
    }

    // U+202A–U+202E (embeddings and overrides) and U+2066–U+2069 (isolates).
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
