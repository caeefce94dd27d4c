using Finsam.Audit;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(AuditService.Name);
builder.AddAudit();
builder.AddFinsamMessaging(bus => bus.AddAuditConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapAudit();
app.Run();
