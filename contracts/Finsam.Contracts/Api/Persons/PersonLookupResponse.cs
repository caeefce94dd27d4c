namespace Finsam.Contracts.Api.Persons;

/// <summary>The pseudonym a personnummer stands for everywhere else; the number itself never comes back.</summary>
public sealed record PersonLookupResponse(string PersonRef);
