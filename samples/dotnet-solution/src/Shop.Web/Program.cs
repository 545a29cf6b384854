using Shop.Catalog;

var app = WebApplication.CreateBuilder(args).Build();

app.MapGet("/", () => Results.Text(Catalog.Describe(), "application/json"));

app.Run();
