using Finsam.Forsakringskassan;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ForsakringskassanService.Name);
builder.AddForsakringskassan();
builder.AddFinsamMessaging(bus => bus.AddForsakringskassanConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapForsakringskassan();
app.Run();
