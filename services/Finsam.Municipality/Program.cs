using Finsam.Municipality;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(MunicipalityService.Name);
builder.AddMunicipality();
builder.AddFinsamMessaging(bus => bus.AddMunicipalityConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapMunicipality();
app.Run();
