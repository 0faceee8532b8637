using System;
using Kan.Training;

namespace Kan.Training.Tests.Grid
{
    public class GridTests
    {
        /// <summary>A trained toy network, so the splines carry real structure.</summary>
        private static (KanNetwork Net, Dataset Data) Trained(int grid)
        {
            Dataset data = ToyData.Make(500, 200);
            KanNetwork net = KanNetwork.Create(new[] { 2, 3, 1 }, new KanNetworkOptions { Grid = grid });
            net.Fit(data, new FitOptions { Steps = 10, UpdateGrid = false });
            return (net, data);
        }

        [Fact]
        public void UpdateGrid_moves_the_grid_to_the_samples_and_keeps_the_function()
        {
            var (net, data) = Trained(5);
            double[,] before = net.Forward(data.TrainInputs);
            double[] oldKnots = net.Layers[1].Knots.ToArray();
            net.UpdateGrid(data.TrainInputs);
            net.Layers[1].Knots.ToArray().ShouldNotBe(oldKnots);
            // The first layer's grid ends at the smallest and largest sample (grid_eps blends only inner points).
            double min = double.MaxValue, max = double.MinValue;
            for (int r = 0; r < data.TrainInputs.GetLength(0); r++)
            {
                min = Math.Min(min, data.TrainInputs[r, 0]);
                max = Math.Max(max, data.TrainInputs[r, 0]);
            }

            NetworkLayer first = net.Layers[0];
            first.Knots[first.K].ShouldBe(min, 1e-12);
            first.Knots[first.K + first.GridIntervals].ShouldBe(max, 1e-12);
            // Stated tolerance: outputs on the samples move by less than 2% of the output's spread (RMS) —
            // a cubic spline on a new grid of the same size cannot reproduce the old one exactly.
            double change = ToyData.Rmse(before, net.Forward(data.TrainInputs));
            change.ShouldBeLessThan(0.02 * Spread(before));
        }

        [Fact]
        public void Refine_keeps_the_function_within_tolerance_and_changes_the_grid_size()
        {
            var (net, data) = Trained(5);
            double[,] before = net.Forward(data.TrainInputs);
            KanNetwork finer = net.Refine(20, data.TrainInputs);
            finer.Layers[0].GridIntervals.ShouldBe(20);
            finer.Layers[0].Coefficients.Length.ShouldBe(2 * 3 * 23);
            finer.Layers[0].ScaleBase.ToArray().ShouldBe(net.Layers[0].ScaleBase.ToArray());
            // A finer grid represents the old spline almost exactly: stated tolerance 1e-3 of the spread (RMS).
            ToyData.Rmse(before, finer.Forward(data.TrainInputs)).ShouldBeLessThan(1e-3 * Spread(before));
            // The original is untouched.
            net.Layers[0].GridIntervals.ShouldBe(5);
        }

        private static double Spread(double[,] y)
        {
            double min = double.MaxValue, max = double.MinValue;
            foreach (double v in y)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            return max - min;
        }
    }
}
