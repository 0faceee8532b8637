using System;
using System.Linq;
using Kan.Training;

namespace Kan.Training.Tests.Pruning
{
    public class PruningTests
    {
        [Fact]
        public void Trained_with_lamb_2_5_1_prunes_to_2_1_1()
        {
            // pykan's tutorial: [2,5,1] G=3 trained with lamb=1e-3, then prune() keeps one hidden node.
            Dataset data = ToyData.Make(1000, 200);
            KanNetwork net = KanNetwork.Create(new[] { 2, 5, 1 });
            net.Fit(data, new FitOptions { Steps = 50, Lamb = 1e-3 });
            KanNetwork pruned = net.Prune(data);
            pruned.Widths.ShouldBe(new[] { 2, 1, 1 });
            // As in pykan's tutorial the pruned network is then retrained; one hidden node suffices.
            FitHistory h = pruned.Fit(data, new FitOptions { Steps = 30 });
            h.TestRmse[h.TestRmse.Count - 1].ShouldBeLessThan(2e-2);
        }

        [Fact]
        public void Pruning_a_dead_node_keeps_the_function_on_kept_paths()
        {
            Dataset data = ToyData.Make(200, 10);
            KanNetwork net = KanNetwork.Create(new[] { 2, 3, 2 }, new KanNetworkOptions { Seed = 5 });
            // Silence hidden node 1: no edge feeds it and its bias is 0, so it is constant 0.
            for (int i = 0; i < 2; i++)
            {
                net.SetMode(0, i, 1, "none");
            }

            AttributionScores scores = net.Attribute(data.TrainInputs);
            scores.Nodes[1][1].ShouldBeLessThan(1e-12);
            scores.Nodes[1][0].ShouldBeGreaterThan(0.0);
            scores.Edges[1].Length.ShouldBe(3 * 2);
            KanNetwork smaller = net.PruneNodes(data.TrainInputs);
            smaller.Widths.ShouldBe(new[] { 2, 2, 2 });
            double[,] a = net.Forward(data.TrainInputs), b = smaller.Forward(data.TrainInputs);
            LayerActivations hidden = net.GetActivations(data.TrainInputs)[1];
            for (int r = 0; r < a.GetLength(0); r++)
            {
                for (int c = 0; c < 2; c++)
                {
                    // Exactly the dead node's outgoing edge activations are dropped; every kept path is unchanged.
                    (a[r, c] - hidden.Numeric[r, 1, c]).ShouldBe(b[r, c], 1e-12);
                }
            }
        }

        [Fact]
        public void PruneEdges_masks_weak_edges_and_PruneInputs_drops_an_unused_input()
        {
            // y depends on x1 only; x2 is noise the network never needs.
            Dataset data = Dataset.FromFunction(v => Math.Sin(2 * v[0]), 2, new[] { (-1.0, 1.0) }, 300, 50, 2);
            KanNetwork net = KanNetwork.Create(new[] { 2, 1 });
            net.Layers[0].Arrays.ScaleBase[1] = 0.0;
            net.Layers[0].Arrays.ScaleSpline[1] = 0.0;
            KanNetwork masked = net.PruneEdges(data.TrainInputs);
            masked.Layers[0].Mask.ToArray().ShouldBe(new[] { 1.0, 0.0 });
            net.Layers[0].Mask.ToArray().ShouldBe(new[] { 1.0, 1.0 });
            KanNetwork oneInput = net.PruneInputs(data.TrainInputs);
            oneInput.InputWidth.ShouldBe(1);
            oneInput.CallerInputCount.ShouldBe(2);
            oneInput.ToModel().InputIds.ToArray().ShouldBe(new[] { 0 });
            ToyData.Rmse(oneInput.Forward(data.TestInputs), net.Forward(data.TestInputs)).ShouldBe(0.0, 1e-12);
        }
    }
}
