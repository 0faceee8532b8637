using System.Collections.Generic;
using System.Linq;
using Kan.Training;
using Kan.Training.Symbolic;

namespace Kan.Cli.Training;

/// <summary>
/// The guard of <c>symbolic auto</c>: remembers the spline model's test RMSE, warns when the snapped model is more
/// than <see cref="Factor"/> times worse, and with <c>--keep-better</c> gives back their splines to the edges
/// whose snap alone (on the spline model) is that much worse.
/// </summary>
public sealed class SnapGuard
{
    public const double Factor = 10.0;

    private readonly KanNetwork _spline;
    private readonly Dataset _data;
    private readonly double _before;

    public SnapGuard(KanNetwork spline, Dataset data)
    {
        _spline = spline.Clone();
        _data = data;
        _before = TestRmse(spline);
    }

    /// <summary>Unsnaps (pykan <c>unfix_symbolic</c>) every fixed edge whose snap alone raises the test RMSE more than <see cref="Factor"/>-fold; returns them.</summary>
    public IReadOnlyList<EdgeChoice> KeepSplinesWhereWorse(KanNetwork snapped, IReadOnlyList<EdgeChoice> choices)
    {
        var kept = new List<EdgeChoice>();
        foreach (EdgeChoice c in choices.Where(c => c.Action == EdgeAction.Fixed))
        {
            KanNetwork alone = _spline.Clone();
            alone.SetSymbolic(c.Layer, c.Input, c.Subnode, c.Best!.Function.Function, c.Best.Fit.A, c.Best.Fit.B, c.Best.Fit.C, c.Best.Fit.D);
            alone.SetMode(c.Layer, c.Input, c.Subnode, "s");
            if (IsMuchWorse(TestRmse(alone)))
            {
                snapped.SetMode(c.Layer, c.Input, c.Subnode, "n");
                kept.Add(c);
            }
        }

        return kept;
    }

    /// <summary>Writes a warning line on stderr when <paramref name="snapped"/> is more than <see cref="Factor"/> times worse than the spline model.</summary>
    public void WarnIfMuchWorse(CliContext context, KanNetwork snapped, bool keptBetter)
    {
        double after = TestRmse(snapped);
        if (IsMuchWorse(after))
        {
            context.Error.WriteLine("kan: warning: snapping raised the test RMSE from " + FitRunner.Number(_before) + " to " + FitRunner.Number(after) + " (more than " + Factor + "-fold)" +
                (keptBetter ? "" : "; --keep-better keeps the spline where a snap does that"));
        }
    }

    private bool IsMuchWorse(double rmse) => !(rmse <= Factor * _before);

    private double TestRmse(KanNetwork network) => ModelRecord.Rmse(network, _data.TestInputs, _data.TestLabels);
}
