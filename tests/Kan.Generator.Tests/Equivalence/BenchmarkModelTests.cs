using System;
using System.IO;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Interop;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// The benchmark project compiles benchmarks/Kan.Benchmarks/Models/*.kan with the generator; those files must be
/// exactly the pykan fixtures converted. KAN_WRITE_BENCHMARK_MODELS=1 rewrites them after a format change and then
/// fails, so a run with the variable set can never pass (rerun without it to check the rewritten files).
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
            throw new Xunit.Sdk.XunitException("rewrote " + path + "; unset KAN_WRITE_BENCHMARK_MODELS and run the tests again");
        }

        File.Exists(path).ShouldBeTrue(path);
        File.ReadAllText(path).ShouldBe(expected);
    }
}
