var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => "Hello from a multi-stage image!");
app.MapGet("/healthz", () => Results.Ok(new { status = "ok", user = Environment.UserName }));

app.Run();
