namespace Streaming.Worker.Pipeline;

/// <summary>Runs a blocking loop on its own named background thread and reports its end as a task.</summary>
public static class DedicatedThread
{
    /// <summary>Starts <paramref name="loop"/> on a new thread; the task fails with the loop's exception after <paramref name="onFailure"/> saw it.</summary>
    public static Task Run(string name, Action loop, Action<Exception> onFailure)
    {
        ArgumentNullException.ThrowIfNull(loop);
        ArgumentNullException.ThrowIfNull(onFailure);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop();
                done.TrySetResult();
            }
            catch (Exception ex)
            {
                onFailure(ex);
                done.TrySetException(ex);
            }
        })
        { IsBackground = true, Name = name };
        thread.Start();
        return done.Task;
    }
}
