/* Helpers of the load/store translator (see target/arm/helper.h). */
