using Finsam.Web;
using Finsam.Web.Health;

// The web interface in a container of its own: it calls the gateway at Finsam:Web:Gateway.
var builder = WebApplication.CreateBuilder(args);
builder.AddFinsamWeb();
builder.Services.AddWebHealthChecks();

var app = builder.Build();
app.UseExceptionHandler("/fel");
app.UseAuthentication();
app.UseAuthorization();
app.MapWebHealthChecks();
app.MapFinsamWeb();
app.Run();
