using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Reflection.Emit;

namespace Kan.Generator.Tests.Support;

/// <summary>
/// What the JIT measures in a compiled method before it decides to optimise it (dotnet/runtime's jit compares each
/// with a DEFAULT_MIN_OPTS_* limit): IL bytes, IL instructions, references to locals and arguments, locals plus
/// arguments, and basic blocks (a block starts at the entry, at every branch target and after every branch).
/// Read from the method body's IL bytes.
/// </summary>
public sealed record MethodIl(string Name, int Bytes, int Instructions, int LocalRefs, int Locals, int Blocks)
{
    /// <summary>The JIT's limits: past any of them it compiles the method with MinOpts.</summary>
    public static readonly MethodIl JitLimits = new("limits", 60000, 20000, 8000, 2000, 2000);

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>Every method and constructor of <paramref name="type"/> with a body.</summary>
    public static List<MethodIl> Of(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        return type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All))
            .Where(m => m.GetMethodBody() is not null)
            .Select(Read)
            .ToList();
    }

    public bool Exceeds(MethodIl limits) =>
        Bytes > limits.Bytes || Instructions > limits.Instructions || LocalRefs > limits.LocalRefs || Locals > limits.Locals || Blocks > limits.Blocks;

    private static MethodIl Read(MethodBase method)
    {
        MethodBody body = method.GetMethodBody()!;
        byte[] il = body.GetILAsByteArray()!;
        int instructions = 0, refs = 0;
        var starts = new HashSet<int> { 0 };
        for (int at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            OpCode op = OpCodesByValue[value];
            int next = at + op.Size + OperandSize(op, il, at + op.Size);
            instructions++;
            string name = op.Name!;
            if (name.StartsWith("ldloc", StringComparison.Ordinal) || name.StartsWith("stloc", StringComparison.Ordinal) ||
                name.StartsWith("ldarg", StringComparison.Ordinal) || name.StartsWith("starg", StringComparison.Ordinal))
            {
                refs++;
            }

            if (op.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch)
            {
                int operand = at + op.Size;
                if (op.OperandType == OperandType.InlineSwitch)
                {
                    int n = BitConverter.ToInt32(il, operand);
                    for (int c = 0; c < n; c++)
                    {
                        starts.Add(next + BitConverter.ToInt32(il, operand + 4 + 4 * c));
                    }
                }
                else
                {
                    starts.Add(next + (op.OperandType == OperandType.ShortInlineBrTarget ? (sbyte)il[operand] : BitConverter.ToInt32(il, operand)));
                }
            }

            if (op.FlowControl is FlowControl.Branch or FlowControl.Cond_Branch or FlowControl.Return or FlowControl.Throw && next < il.Length)
            {
                starts.Add(next);
            }

            at = next;
        }

        int arguments = method.GetParameters().Length + (method.IsStatic ? 0 : 1);
        return new MethodIl(method.Name, il.Length, instructions, refs, body.LocalVariables.Count + arguments, starts.Count);
    }

    private static int OperandSize(OpCode op, byte[] il, int operand) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, operand),
        _ => 4,
    };
}
