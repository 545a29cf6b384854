Console.WriteLine($"Hello from a multi-stage image, running .NET {Environment.Version} as user {Environment.UserName}.");
