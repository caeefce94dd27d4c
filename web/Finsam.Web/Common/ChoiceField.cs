namespace Finsam.Web.Common;

/// <summary>
/// One form field that picks from coded choices in words (a select, or checkboxes when several may hold), drawn by
/// the partial _Choice so every coded field has its label, its error and its options the same way.
/// </summary>
public sealed record ChoiceField(string Name, string Label, IReadOnlyDictionary<string, string> Options, IReadOnlyCollection<string> Chosen, bool Several = false)
{
    public static ChoiceField One(string name, string label, IReadOnlyDictionary<string, string> options, string? chosen) =>
        new(name, label, options, chosen is null ? [] : [chosen]);

    public static ChoiceField Many(string name, string label, IReadOnlyDictionary<string, string> options, IReadOnlyCollection<string> chosen) =>
        new(name, label, options, chosen, Several: true);
}
