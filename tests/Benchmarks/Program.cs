using Ecommerce.Benchmarks;

return await BenchmarkCommands.RunAsync(args);
