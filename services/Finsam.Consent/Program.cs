using Finsam.Consent;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ConsentService.Name);
builder.AddConsent();
builder.AddFinsamMessaging(bus => bus.AddConsentConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapConsent();
app.Run();
