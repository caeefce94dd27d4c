using Finsam.Audit;
using Finsam.Contracts.Audit;
using MassTransit;

namespace Finsam.Audit.Tests;

/// <summary>Every service binds <see cref="AuditedMessages"/> to the audit queue; the list must be what the audit service really reads.</summary>
public sealed class AuditedMessagesTests
{
    [Fact]
    public void The_audit_service_consumes_exactly_the_messages_every_publisher_binds_to_its_queue()
    {
        var consumed = typeof(AuditService).Assembly.GetTypes()
            .SelectMany(type => type.GetInterfaces())
            .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IConsumer<>))
            .Select(contract => contract.GetGenericArguments()[0].FullName)
            .Order();

        Assert.Equal(consumed, AuditedMessages.Types.Select(type => type.FullName).Order());
    }

    [Fact]
    public void The_queue_every_publisher_binds_is_the_audit_service_queue() =>
        Assert.Equal(AuditedMessages.Queue, AuditService.Name);
}
