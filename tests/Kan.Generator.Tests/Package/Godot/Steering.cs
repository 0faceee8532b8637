using Godot;

namespace KanGodot;

/// <summary>
/// A Godot node flying through thinning air: every physics frame its drag comes from the KAN in Models/drag.kan,
/// compiled by the Kan generator into the float class <see cref="Drag"/>. Nothing allocates per frame.
/// </summary>
public partial class Steering : Node3D
{
    private const float ModelRange = 3f;
    private static readonly Vector3 Gravity = new(0f, 9.81f, 0f);

    public Vector3 Velocity { get; set; } = new(1.5f, 1.5f, 0f);

    public override void _PhysicsProcess(double delta)
    {
        float dt = (float)delta;
        float drag = Drag.Predict(Mathf.Min(Velocity.Length(), ModelRange), Mathf.Clamp(Position.Y, 0f, ModelRange));
        Velocity -= (drag * Velocity + Gravity) * dt;
        Position += Velocity * dt;
    }
}
