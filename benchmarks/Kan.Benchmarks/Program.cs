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

/// <summary>
/// A named end-to-end run (not a BenchmarkDotNet benchmark) that prints a summary as its last line and returns the
/// process exit code: 0 only when its result is right (a recovered formula, an error within the documented bound),
/// so a regression hidden behind a timing fails the run.
/// </summary>
public interface INamedRun
{
    string Name { get; }

    string Description { get; }

    int Run(string[] args);
}

/// <summary>How a named run reports whether its result is right.</summary>
public static class RunResult
{
    /// <summary>0 when <paramref name="ok"/>; otherwise writes "NAME: wrong result: WHY" to stderr and returns 1.</summary>
    public static int Check(string run, bool ok, string why)
    {
        if (!ok)
        {
            Console.Error.WriteLine(run + ": wrong result: " + why);
        }

        return ok ? 0 : 1;
    }
}
