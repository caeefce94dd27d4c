using System.Net.Http.Json;
using System.Text.Json;

namespace Finsam.ServiceDefaults.Agencies;

/// <summary>Reading an agency system's answer against its OpenAPI contract (each adapter's Contract/*.openapi.yaml).</summary>
public static class AgencyAnswers
{
    /// <summary>
    /// The answer's body as <typeparamref name="T"/>, or an <see cref="InvalidDataException"/> when it is not JSON of
    /// that shape: a broken answer is an error the caller reports, never a fact about the person.
    /// </summary>
    public static async Task<T?> ReadAsync<T>(HttpContent content, string agency, CancellationToken cancellationToken)
    {
        try
        {
            return await content.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{agency}'s answer does not keep the contract.", e);
        }
    }
}
