using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Finsam.Web.Common;

/// <summary>Model binding's own messages ("The value '' is invalid.") in Swedish, like every other message.</summary>
public static class SwedishModelBinding
{
    public static void Use(DefaultModelBindingMessageProvider messages)
    {
        messages.SetValueIsInvalidAccessor(_ => "Värdet är ogiltigt.");
        messages.SetAttemptedValueIsInvalidAccessor((_, _) => "Värdet är ogiltigt.");
        messages.SetMissingBindRequiredValueAccessor(_ => "Uppgiften saknas.");
        messages.SetMissingKeyOrValueAccessor(() => "Uppgiften saknas.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Uppgifter saknas.");
        messages.SetValueMustNotBeNullAccessor(_ => "Uppgiften saknas.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "Värdet är ogiltigt.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Värdet är ogiltigt.");
        messages.SetUnknownValueIsInvalidAccessor(_ => "Värdet är ogiltigt.");
        messages.SetValueMustBeANumberAccessor(_ => "Ange ett tal.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Ange ett tal.");
    }
}
