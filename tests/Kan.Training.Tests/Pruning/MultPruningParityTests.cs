using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.Json;
using Kan.Interop;
using Kan.Training;

namespace Kan.Training.Tests.Pruning
{
    /// <summary>
    /// pykan's <c>prune()</c> on a model with a multiplication node: <c>[3,[1,1],1]</c> trained by pykan on
    /// <c>x*y + sin(z)</c> (tools/make_prune_mult_fixture.py). Our prune of the imported model must make pykan's
    /// choices: the same kept nodes, the same masked edges, hence the same function and test error.
    /// </summary>
    public class MultPruningParityTests
    {
        private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", name);

        [Fact]
        public void Prune_of_a_pykan_mult_model_matches_pykans_prune()
        {
            KanNetwork trained = KanNetwork.FromModel(PykanImporter.Read(Fixture("prune_mult_before.json")));
            double[,] trainInputs = Samples(Fixture("prune_mult_before.json"));
            KanNetwork expected = KanNetwork.FromModel(PykanImporter.Read(Fixture("prune_mult_after.json")));
            double[,] testInputs = Samples(Fixture("prune_mult_after.json"));
            using var labelsDoc = JsonDocument.Parse(File.ReadAllText(Fixture("prune_mult_test_labels.json")));
            double[] labels = labelsDoc.RootElement.GetProperty("labels").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double pykanAfter = labelsDoc.RootElement.GetProperty("test_rmse_after").GetDouble();

            KanNetwork pruned = trained.Prune(trainInputs);

            // pykan keeps the sum node and the mult node: [[3,0],[1,1],[1,0]].
            pruned.Layers.Select(l => l.Topology).ShouldBe(new[]
            {
                new LayerTopology(3, 1, ImmutableArray.Create(2)),
                LayerTopology.Sums(2, 1),
            });
            for (int l = 0; l < pruned.LayerCount; l++)
            {
                pruned.Layers[l].Mask.ToArray().ShouldBe(expected.Layers[l].Mask.ToArray(), $"layer {l} edge masks");
            }

            double[,] ours = pruned.Forward(testInputs), theirs = expected.Forward(testInputs);
            double worst = 0, sq = 0;
            for (int r = 0; r < labels.Length; r++)
            {
                worst = Math.Max(worst, Math.Abs(ours[r, 0] - theirs[r, 0]));
                sq += (ours[r, 0] - labels[r]) * (ours[r, 0] - labels[r]);
            }

            worst.ShouldBeLessThan(1e-12);
            Math.Sqrt(sq / labels.Length).ShouldBe(pykanAfter, 1e-9 * pykanAfter);
        }

        [Fact]
        public void Attribution_scores_rank_the_product_operands_as_pykans_do()
        {
            // A mult node's score goes to each operand: both subnodes feeding it score exactly the node's score.
            KanNetwork trained = KanNetwork.FromModel(PykanImporter.Read(Fixture("prune_mult_before.json")));
            AttributionScores scores = trained.Attribute(Samples(Fixture("prune_mult_before.json")));
            scores.Subnodes[0].Length.ShouldBe(3);
            scores.Subnodes[0][1].ShouldBe(scores.Nodes[1][1]);
            scores.Subnodes[0][2].ShouldBe(scores.Nodes[1][1]);
            scores.Subnodes[0][0].ShouldBe(scores.Nodes[1][0]);
            scores.Nodes[1].ShouldAllBe(s => s > 1e-2);
        }

        private static double[,] Samples(string path)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement rows = doc.RootElement.GetProperty("samples").GetProperty("inputs");
            int n = rows.GetArrayLength(), m = rows[0].GetArrayLength();
            var x = new double[n, m];
            for (int r = 0; r < n; r++)
            {
                for (int c = 0; c < m; c++)
                {
                    x[r, c] = rows[r][c].GetDouble();
                }
            }

            return x;
        }
    }
}
