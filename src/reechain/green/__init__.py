"""Green and cost performance of the plants: upgrade appraisal."""
