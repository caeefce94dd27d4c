using System.Globalization;
using Finsam.Contracts.Persons;
using Microsoft.Extensions.Caching.Memory;

namespace Finsam.Web.Common;

/// <summary>
/// After a lookup a person is their personRef (in URLs, in calls to the gateway). So that staff still see whom a
/// page is about, the masked number (birth date and four stars) is remembered in memory for the user who looked
/// it up, for a working day. The full number is never kept, logged or put in a URL.
/// </summary>
public sealed class PersonMemory(IMemoryCache cache)
{
    private static readonly TimeSpan WorkingDay = TimeSpan.FromHours(10);

    public static string Mask(Personnummer personnummer) =>
        personnummer.Digits[..8] + "-****";

    public void Remember(string userId, string personRef, Personnummer personnummer) =>
        cache.Set(Key(userId, personRef), Mask(personnummer), WorkingDay);

    /// <summary>The masked number, or a neutral label when this user has not looked the person up lately.</summary>
    public string Label(string userId, string? personRef) =>
        personRef is not null && cache.TryGetValue(Key(userId, personRef), out string? masked) && masked is not null
            ? masked
            : "Person " + (personRef is { Length: > 11 } ? personRef[3..11] : personRef ?? "");

    private static string Key(string userId, string personRef) => string.Create(CultureInfo.InvariantCulture, $"person:{userId}:{personRef}");
}
