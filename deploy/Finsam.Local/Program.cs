using Finsam.Local;
using Finsam.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("finsam-local");
builder.AddEmbeddedDefault();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapEmbeddedDefault();
app.Run();
