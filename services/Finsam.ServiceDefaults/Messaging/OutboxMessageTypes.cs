using System.Text.Json;
using Finsam.Contracts.Sharing;

namespace Finsam.ServiceDefaults.Messaging;

/// <summary>
/// How outbox rows name and serialise their messages. Only types from Finsam.Contracts can be stored, so a
/// row can never make the relay load an arbitrary type.
/// </summary>
public static class OutboxMessageTypes
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web);

    public static string NameOf(Type type)
    {
        if (type.Assembly != typeof(IDataShare).Assembly || type.FullName is null)
        {
            throw new ArgumentException($"{type} is not a Finsam contract; only contracts can go through the outbox.", nameof(type));
        }

        return type.FullName;
    }

    public static Type Resolve(string name) =>
        typeof(IDataShare).Assembly.GetType(name, throwOnError: false)
        ?? throw new InvalidOperationException($"The outbox holds a message of unknown type {name}.");
}
