using System;
using System.IO;
using Kan.Format;
using Kan.Generator.Tests.Support;
using Kan.Benchmarks.Evaluation;
using Kan.Interop;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// The benchmark project compiles benchmarks/Kan.Benchmarks/Models/*.kan with the generator; those files must be
/// exactly what docs/benchmarks.md says they are: the pykan fixtures converted, and the uniform-grid toy model made by
/// the benchmarks' own <see cref="SplineModels.Create"/>. KAN_WRITE_BENCHMARK_MODELS=1 rewrites them after a format change and then
/// fails, so a run with the variable set can never pass (rerun without it to check the rewritten files).
/// </summary>
public class BenchmarkModelTests
{
    [Theory]
    [InlineData("toy_spline")]
    [InlineData("toy_symbolic")]
    public void Benchmark_models_are_the_converted_pykan_fixtures(string name) =>
        ShouldBeCommitted(name, KanFile.ToText(PykanImporter.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", name + ".json"))));

    [Fact]
    public void The_uniform_toy_model_is_SplineModels_seed_1() =>
        ShouldBeCommitted("toy_spline_uniform", KanFile.ToText(SplineModels.Create(new[] { 2, 5, 1 }, g: 5, k: 3, seed: 1)));

    private static void ShouldBeCommitted(string name, string expected)
    {
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
