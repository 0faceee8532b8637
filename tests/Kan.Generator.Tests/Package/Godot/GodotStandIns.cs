// Test-only stand-ins for the GodotSharp types Steering.cs touches, with Godot 4's signatures (GodotSharp cannot be
// restored here). A real Godot project gets these from Godot.NET.Sdk instead.
namespace Godot;

public partial class Node
{
    public virtual void _PhysicsProcess(double delta)
    {
    }
}

public partial class Node3D : Node
{
    public Vector3 Position { get; set; }
}

public static class Mathf
{
    public static float Min(float a, float b) => System.Math.Min(a, b);

    public static float Clamp(float value, float min, float max) => System.Math.Clamp(value, min, max);
}

public struct Vector3
{
    public float X;
    public float Y;
    public float Z;

    public Vector3(float x, float y, float z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public readonly float Length() => System.MathF.Sqrt(X * X + Y * Y + Z * Z);

    public static Vector3 operator +(Vector3 a, Vector3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vector3 operator -(Vector3 a, Vector3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vector3 operator *(Vector3 a, float d) => new(a.X * d, a.Y * d, a.Z * d);

    public static Vector3 operator *(float d, Vector3 a) => new(a.X * d, a.Y * d, a.Z * d);
}
