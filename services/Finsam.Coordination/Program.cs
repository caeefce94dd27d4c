using Finsam.Coordination;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(CoordinationService.Name);
builder.AddCoordination();
builder.AddFinsamMessaging(bus => bus.AddCoordinationConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCoordination();
app.Run();
