using Finsam.ServiceDefaults.Hosting;
using Finsam.Witness;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(WitnessService.Name);
builder.AddWitness();

var app = builder.Build();
app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapWitness();
app.Run();
