using Finsam.Gateway;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(GatewayService.Name);
builder.AddGateway();
builder.AddFinsamMessaging(_ => { }); // the gateway only publishes, through its outbox

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapGateway();
app.Run();
