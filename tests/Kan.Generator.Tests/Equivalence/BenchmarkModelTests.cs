using System;
using System.IO;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Interop;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// The benchmark project compiles benchmarks/Kan.Benchmarks/Models/*.kan with the generator; those files must be
/// exactly the pykan fixtures converted (set KAN_WRITE_BENCHMARK_MODELS=1 to rewrite them after a format change).
/// </summary>
public class BenchmarkModelTests
{
    [Theory]
    [InlineData("toy_spline")]
    [InlineData("toy_symbolic")]
    public void Benchmark_models_are_the_converted_pykan_fixtures(string name)
    {
        string expected = KanFile.ToText(PykanImporter.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", name + ".json")));
        string path = Path.Combine(GeneratorHarness.RepositoryRoot, "benchmarks", "Kan.Benchmarks", "Models", name + ".kan");
        if (Environment.GetEnvironmentVariable("KAN_WRITE_BENCHMARK_MODELS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        File.Exists(path).ShouldBeTrue(path);
        File.ReadAllText(path).ShouldBe(expected);
    }
}
