using Embedded.Runner;

namespace Kan.Samples.Tests;

public class EmbeddedTests
{
    [Fact]
    public void The_float_build_stays_within_its_bound_of_the_double_build()
    {
        var (maxError, maxOutput, points) = FloatReport.Compare(perAxis: 121);
        points.ShouldBe(121 * 121);
        maxOutput.ShouldBeGreaterThan(1.0);

        // Float has a 6e-8 unit roundoff; a [2,3,1] model adds a few dozen rounded terms, so 1e-5 of the output
        // scale leaves room without hiding a real bug (a wrong constant or branch costs far more).
        (maxError / maxOutput).ShouldBeLessThan(1e-5);
        maxError.ShouldBeGreaterThan(0.0); // it really is float arithmetic
    }

    [Fact]
    public void The_embedded_library_targets_netstandard20_and_references_no_kan_assembly()
    {
        var assembly = typeof(Embedded.Model.Drag).Assembly;
        assembly.GetReferencedAssemblies().ShouldAllBe(a => !a.Name!.StartsWith("Kan", System.StringComparison.Ordinal));
        assembly.GetReferencedAssemblies().ShouldContain(a => a.Name == "netstandard");
    }
}
