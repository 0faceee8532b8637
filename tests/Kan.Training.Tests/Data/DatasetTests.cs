using System;
using System.IO;
using Kan.Format;
using Kan.Training;

namespace Kan.Training.Tests.Data
{
    public class DatasetTests
    {
        [Fact]
        public void FromFunction_samples_uniformly_in_the_ranges_and_labels_with_f()
        {
            Dataset d = Dataset.FromFunction(v => v[0] * v[1], 2, new[] { (-1.0, 1.0), (2.0, 5.0) }, 400, 100, seed: 7);
            d.TrainInputs.GetLength(0).ShouldBe(400);
            d.TestInputs.GetLength(0).ShouldBe(100);
            for (int r = 0; r < 400; r++)
            {
                d.TrainInputs[r, 0].ShouldBeInRange(-1.0, 1.0);
                d.TrainInputs[r, 1].ShouldBeInRange(2.0, 5.0);
                d.TrainLabels[r, 0].ShouldBe(d.TrainInputs[r, 0] * d.TrainInputs[r, 1]);
            }

            Dataset.FromFunction(v => v[0], 1, new[] { (0.0, 1.0) }, 10, 10, 7).TrainInputs
                .ShouldBe(Dataset.FromFunction(v => v[0], 1, new[] { (0.0, 1.0) }, 10, 10, 7).TrainInputs);
        }

        [Fact]
        public void FromCsv_reads_named_columns_and_normalisation_is_stored_in_the_model()
        {
            string path = Path.Combine(Path.GetTempPath(), "kan-training-" + Guid.NewGuid().ToString("N") + ".csv");
            try
            {
                var lines = new System.Collections.Generic.List<string> { "id,a,b,target" };
                var random = new Random(1);
                for (int r = 0; r < 100; r++)
                {
                    double a = random.NextDouble() * 10 + 5, b = random.NextDouble() - 3;
                    lines.Add(FormattableString.Invariant($"{r},{a},{b},{a + b}"));
                }

                File.WriteAllLines(path, lines);
                Dataset d = Dataset.FromCsv(path, new[] { "b", "a" }, new[] { "target" }, testFraction: 0.25);
                d.InputNames.ShouldBe(new[] { "b", "a" });
                d.TrainInputs.GetLength(0).ShouldBe(75);
                d.TestInputs.GetLength(0).ShouldBe(25);
                d.TrainLabels[0, 0].ShouldBe(d.TrainInputs[0, 0] + d.TrainInputs[0, 1], 1e-12);

                var (scale, bias) = d.InputNormalization();
                KanNetwork net = KanNetwork.Create(new[] { 2, 1 });
                net.SetInputNormalization(scale, bias);
                KanModel model = net.ToModel();
                model.InputScale.ShouldBe(scale);
                model.InputBias.ShouldBe(bias);
                // Normalised columns are centred: the model sees mean 0 inputs.
                double mean = 0;
                for (int r = 0; r < 75; r++)
                {
                    mean += scale[1] * d.TrainInputs[r, 1] + bias[1];
                }

                (mean / 75).ShouldBe(0.0, 1e-12);
                Should.Throw<FormatException>(() => Dataset.FromCsv(path, new[] { "nope" }, new[] { "target" }));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Saved_kan_file_loads_back_and_training_continues()
        {
            Dataset data = ToyData.Make(300, 100);
            KanNetwork net = KanNetwork.Create(new[] { 2, 3, 1 });
            net.Fit(data, new FitOptions { Steps = 5 });
            string path = Path.Combine(Path.GetTempPath(), "kan-training-" + Guid.NewGuid().ToString("N") + ".kan");
            try
            {
                KanFile.Write(net.ToModel(), path);
                KanNetwork loaded = KanNetwork.FromModel(KanFile.Read(path));
                loaded.ToModel().ShouldBe(net.ToModel());
                loaded.Forward(data.TestInputs).ShouldBe(net.Forward(data.TestInputs));

                // Continuing from the file is the same as continuing in memory.
                loaded.Fit(data, new FitOptions { Steps = 5 });
                net.Fit(data, new FitOptions { Steps = 5 });
                loaded.ToModel().ShouldBe(net.ToModel());
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
