using System;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Running;

namespace Kan.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project benchmarks/Kan.Benchmarks -- NAME` runs a named end-to-end run (an
/// <see cref="INamedRun"/>, e.g. fit-toy); any other arguments go to BenchmarkDotNet's switcher
/// (e.g. `--filter *Evaluator*`).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var runs = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(INamedRun).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .Select(t => (INamedRun)Activator.CreateInstance(t)!)
            .ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);

        if (args.Length > 0 && runs.TryGetValue(args[0], out var run))
        {
            return run.Run(args.Skip(1).ToArray());
        }

        if (args.Length > 0 && (args[0] == "--list-runs"))
        {
            foreach (var r in runs.Values.OrderBy(r => r.Name))
            {
                Console.WriteLine($"{r.Name}: {r.Description}");
            }

            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

/// <summary>A named end-to-end run (not a BenchmarkDotNet benchmark) that prints a summary as its last line.</summary>
public interface INamedRun
{
    string Name { get; }

    string Description { get; }

    int Run(string[] args);
}
