"""Loading a report: the pipeline's stages in order, in this process or a child, and the memory it takes."""
