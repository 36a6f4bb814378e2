package io.credwatch.jmx;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;

/**
 * An MXBean whose MBeanInfo carries descriptions and whose notifications come from
 * {@code emitter}; the twin of {@link DescribedMBean} for beans that send notifications
 * (Java has no mixins, and StandardEmitterMBean is the JDK's way to pair the two).
 */
final class DescribedEmitterMBean extends StandardEmitterMBean {

    private final Descriptions descriptions;

    <T> DescribedEmitterMBean(T implementation, Class<T> mxbeanInterface, NotificationEmitter emitter,
                              Descriptions descriptions) {
        super(implementation, mxbeanInterface, true, emitter);
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

    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return MBeanOperationInfo.ACTION;
    }
}
