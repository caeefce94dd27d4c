using Finsam.FollowUp;
using Finsam.ServiceDefaults.Hosting;
using Finsam.ServiceDefaults.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(FollowUpService.Name);
builder.AddFollowUp();
builder.AddFinsamMessaging(bus => bus.AddFollowUpConsumers());

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapFollowUp();
app.Run();
