using System;
using System.Linq;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Support;

namespace Kan.Generator.Tests.Equivalence;

/// <summary>
/// With <c>KanVectorBatch="false"</c>, docs/generator.md promises that every <c>PredictBatch</c> row is
/// bit-identical to <c>Predict</c> on that row (lockstep simulations rely on it), so this compares bits, not 1e-12.
/// </summary>
public class ScalarBatchTests
{
    [Fact]
    public void Batch_rows_are_bit_identical_to_Predict_without_the_vector_path()
    {
        var random = new RandomModels(31);
        var models = Enumerable.Range(0, 12).Select(_ => random.Next()).ToList();
        var compiled = CompiledModels.Compile(models, vectorBatch: false);
        compiled.Sources.ShouldAllBe(s => !s.Contains("ComputeRows4"));
        for (int m = 0; m < models.Count; m++)
        {
            KanModel model = models[m];
            var rows = random.Inputs(model, 500);
            foreach (double special in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -0.0 })
            {
                rows.Add(Enumerable.Repeat(special, model.InputCount).ToArray());
            }

            double[] inputs = rows.SelectMany(r => r).ToArray();
            var outputs = new double[rows.Count * model.OutputCount];
            compiled.PredictBatch(m)(inputs, outputs);
            var predict = compiled.Predict(m);
            var single = new double[model.OutputCount];
            for (int r = 0; r < rows.Count; r++)
            {
                predict(rows[r], single);
                for (int o = 0; o < single.Length; o++)
                {
                    BitConverter.DoubleToInt64Bits(outputs[r * model.OutputCount + o]).ShouldBe(BitConverter.DoubleToInt64Bits(single[o]), $"model {m} row {r} output {o}: batch {outputs[r * model.OutputCount + o]:R}, Predict {single[o]:R}");
                }
            }
        }
    }
}
