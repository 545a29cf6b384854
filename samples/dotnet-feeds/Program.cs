// A console app with a package from a folder feed inside its own folder (see nuget.config).
Console.WriteLine(Acme.Greeting.Greeter.Greet("container"));
