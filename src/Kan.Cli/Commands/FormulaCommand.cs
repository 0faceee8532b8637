using System.CommandLine;
using Kan.Formulas;

namespace Kan.Cli.Commands;

/// <summary><c>kan formula model.kan [--round 4] [--format text|csharp|latex]</c>: the closed form of what the model computes.</summary>
public static class FormulaCommand
{
    public static Command Create(CliContext context)
    {
        var modelPath = new Argument<string>("model") { Description = "The .kan model." };
        var round = new Option<int>("--round") { Description = "Decimal places of every number.", DefaultValueFactory = _ => 4 };
        var format = new Option<string>("--format") { Description = "text, csharp or latex.", DefaultValueFactory = _ => "text" }.AcceptOnlyFromAmong("text", "csharp", "latex");
        var command = new Command("formula", "Print the model's formula, simplified and rounded; edges still numeric appear as spline_l_i_j(...).") { modelPath, round, format };

        KanCli.SetAction(command, context, parse =>
        {
            KanModel model = InputFiles.ReadModel(parse.GetRequiredValue(modelPath));
            KanFormula formula = KanFormula.FromModel(model).Simplify().Round(Digits(parse.GetValue(round)));
            string text = parse.GetValue(format) switch
            {
                "csharp" => formula.ToCSharp(),
                "latex" => formula.ToLatex(),
                _ => formula.ToText(),
            };
            context.Output.WriteLine(text);
            if (!formula.IsFullySymbolic)
            {
                context.Error.WriteLine("note: the formula is partial; run 'kan symbolic auto' to snap the remaining spline edges");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static int Digits(int digits) =>
        digits is >= 0 and <= 15 ? digits : throw new CliException("--round must be between 0 and 15 decimal places", ExitCodes.Usage);
}
