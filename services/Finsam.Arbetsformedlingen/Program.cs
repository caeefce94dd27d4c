using Finsam.Arbetsformedlingen;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ArbetsformedlingenService.Name);
builder.AddArbetsformedlingen();
builder.AddFinsamMessaging(bus => bus.AddArbetsformedlingenConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapArbetsformedlingen();
app.Run();
