using Finsam.HealthCare;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(HealthCareService.Name);
builder.AddHealthCare();
builder.AddFinsamMessaging(bus => bus.AddHealthCareConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapHealthCare();
app.Run();
