using System;
using BenchmarkDotNet.Attributes;
using Kan.Evaluation;

namespace Kan.Benchmarks.Evaluation;

/// <summary>
/// The reference runtime evaluator (<see cref="KanEvaluator"/>) on a [2,5,1] G=5 k=3 spline model, the shape of
/// pykan's toy example: one prediction, and a batch of 1000 rows reported per row (OperationsPerInvoke).
/// Inputs are uniform on [-1.2, 1.2], so some fall outside the grid, as real data does; the single prediction
/// cycles through those same rows, so the measurement is not one input's branch pattern learnt by the predictor.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[MinColumn]
public class EvaluatorBenchmarks
{
    private const int Rows = 1000;

    private KanEvaluator _evaluator = null!;
    private double[] _singleOut = null!;
    private int _next;
    private double[] _batch = null!;
    private double[] _batchOut = null!;

    [GlobalSetup]
    public void Setup()
    {
        _evaluator = new KanEvaluator(SplineModels.Create(new[] { 2, 5, 1 }, g: 5, k: 3, seed: 1));
        var rng = new Random(2);
        _batch = new double[Rows * 2];
        for (int i = 0; i < _batch.Length; i++)
        {
            _batch[i] = (rng.NextDouble() * 2 - 1) * 1.2;
        }

        _batchOut = new double[Rows];
        _singleOut = new double[1];
    }

    [Benchmark(Description = "single prediction")]
    public double Single()
    {
        int row = _next;
        _next = row == Rows - 1 ? 0 : row + 1;
        _evaluator.Evaluate(_batch.AsSpan(2 * row, 2), _singleOut);
        return _singleOut[0];
    }

    [Benchmark(Description = "batch of 1000, per row", OperationsPerInvoke = Rows)]
    public double Batch()
    {
        _evaluator.EvaluateBatch(_batch, _batchOut);
        return _batchOut[Rows - 1];
    }
}
