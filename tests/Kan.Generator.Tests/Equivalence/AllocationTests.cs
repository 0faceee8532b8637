using System;
using System.Linq;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>Generated predictors allocate nothing per call, unrolled or in table mode, single row or batch (vector path included).</summary>
public class AllocationTests
{
    private delegate void SpanPredict(ReadOnlySpan<double> input, Span<double> output);

    [Fact]
    public void Predict_allocates_nothing()
    {
        var models = new RandomModels(5).Next() is var small ? new[] { small, TableModeTests.LargeModels(12, 1)[0] } : null!;
        var compiled = CompiledModels.Compile(models);
        compiled.Sources[0].ShouldContain("row = ComputeRows4(inputs, outputs, rows);", Case.Sensitive, "the batch of the small model goes through the vector path");
        for (int m = 0; m < models.Length; m++)
        {
            var type = compiled.Type(m);
            var array = compiled.Predict(m);
            var batch = type.GetMethod("PredictBatch", new[] { typeof(double[]), typeof(double[]) })!.CreateDelegate<Action<double[], double[]>>();
            var span = type.GetMethods().Single(x => x.Name == "Predict" && x.GetParameters()[0].ParameterType == typeof(ReadOnlySpan<double>)).CreateDelegate<SpanPredict>();
            var input = new double[models[m].InputCount * 8];
            var output = new double[models[m].OutputCount * 8];
            var row = new double[models[m].InputCount];
            var result = new double[models[m].OutputCount];
            for (int warm = 0; warm < 100; warm++)
            {
                array(row, result);
                batch(input, output);
                span(row, result);
            }

            // The fewest bytes over three rounds: tier-up or on-stack replacement can compile a method on this thread
            // mid-round (a one-off runtime allocation), whereas an allocation in the generated code shows every round.
            long fewest = long.MaxValue;
            for (int round = 0; round < 3; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < 2000; i++)
                {
                    row[0] = i * 1e-3;
                    array(row, result);
                    batch(input, output);
                    span(row, result);
                }

                fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
            }

            fewest.ShouldBe(0, "model " + m);
        }
    }
}
