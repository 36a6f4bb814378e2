package io.credwatch.jmx;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.StandardMBean;

/** An MXBean whose MBeanInfo carries descriptions, for a bean that sends no notifications. */
final class DescribedMBean extends StandardMBean {

    private final Descriptions descriptions;

    <T> DescribedMBean(T implementation, Class<T> mxbeanInterface, Descriptions descriptions) {
        super(implementation, mxbeanInterface, true);
        this.descriptions = descriptions;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        return descriptions.bean();
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return descriptions.member(info.getName(), info.getDescription());
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return descriptions.member(info.getName(), info.getDescription());
    }

    /** Every operation credwatch exposes runs checks or reloads: JConsole should treat it as an action. */
    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return MBeanOperationInfo.ACTION;
    }
}
