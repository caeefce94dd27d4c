using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Finsam.Web.Common;

/// <summary>The API's text rules (required, at most N characters), with its messages, for the web's own check.</summary>
public static class FormRules
{
    public static void RequireText(this ModelStateDictionary state, string? value, string field, string message, int maxLength = 4000)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            state.AddModelError(field, message);
        }
        else if (value.Length > maxLength)
        {
            state.AddModelError(field, $"Högst {maxLength} tecken.");
        }
    }

    public static void Require(this ModelStateDictionary state, bool condition, string field, string message)
    {
        if (!condition)
        {
            state.AddModelError(field, message);
        }
    }
}
